import { z } from 'zod';
import type { CallResult } from './call-result';
import {
  createFacilitySchema,
  listFacilitiesSchema,
  renameFacilitySchema,
  setFacilityArchivedSchema,
  type Facility,
} from './facility';
import { userProfileSchema, type UserProfile } from './profile';

export interface Session {
  profile: UserProfile | null;
  dataDirectory: string;
  appVersion: string;
}

interface CallDefinition<Input extends z.ZodType, Output> {
  input: Input;
  /** Never read at run time: carries the output type to both hosts and the renderer. */
  output?: Output;
}

function call<Output>() {
  return <Input extends z.ZodType>(input: Input): CallDefinition<Input, Output> => ({ input });
}

const noInput = z.object({}).strict();

/**
 * Every call the renderer can make, declared once. The IPC and HTTP hosts validate against
 * these schemas before anything reaches the core.
 */
export const contract = {
  getSession: call<Session>()(noInput),
  saveProfile: call<UserProfile>()(userProfileSchema),
  listFacilities: call<Facility[]>()(listFacilitiesSchema),
  createFacility: call<Facility>()(createFacilitySchema),
  renameFacility: call<Facility>()(renameFacilitySchema),
  setFacilityArchived: call<Facility>()(setFacilityArchivedSchema),
};

export type Contract = typeof contract;
export type CallName = keyof Contract;
export const CALL_NAMES = Object.keys(contract) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** What a caller may send (before defaults and trimming). */
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
/** What the core receives after validation. */
export type ValidInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = NonNullable<Contract[K]['output']>;

/** The global bridge both transports install as `window.api`. */
export type ApiBridge = {
  [K in CallName]: (input: CallInput<K>) => Promise<CallResult<CallOutput<K>>>;
};

/** What the core implements, one function per call. */
export type CoreCalls = {
  [K in CallName]: (input: ValidInput<K>) => Promise<CallOutput<K>>;
};

/** The IPC channel the preload and ipc.ts share. */
export const IPC_CHANNEL = 'transferready:call';
