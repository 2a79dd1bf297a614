import type { ComponentType } from 'react';

/**
 * Each page's code, by the route path that opens it. Every page is its own chunk, loaded when it
 * is first shown: opening the matrix does not parse the letters, the states' boundaries or the
 * charts. Nothing here imports React, so boot.ts can start a page's chunk before React loads.
 * Listed with fixed paths before the parameters that would also match them (`/cases/new`).
 */
export const PAGE_CHUNKS = {
  '/facilities': () => import('./pages/FacilitiesPage').then((module) => module.FacilitiesPage),
  '/facilities/:facilityId': () => import('./pages/FacilityPage').then((module) => module.FacilityPage),
  '/facilities/:facilityId/edit': () => import('./pages/FacilityEditPage').then((module) => module.FacilityEditPage),
  '/assessments/:assessmentId': () => import('./pages/AssessmentPage').then((module) => module.AssessmentPage),
  '/import': () => import('./pages/ImportPage').then((module) => module.ImportPage),
  '/matrix': () => import('./pages/MatrixPage').then((module) => module.MatrixPage),
  '/audit': () => import('./pages/AuditPage').then((module) => module.AuditPage),
  '/compare': () => import('./pages/ComparePage').then((module) => module.ComparePage),
  '/coverage': () => import('./pages/CoveragePage').then((module) => module.CoveragePage),
  '/map': () => import('./pages/FacilityMapPage').then((module) => module.FacilityMapPage),
  '/cases': () => import('./pages/CasesPage').then((module) => module.CasesPage),
  '/cases/new': () => import('./pages/CaseFormPage').then((module) => module.CaseFormPage),
  '/cases/:caseId': () => import('./pages/CaseWorkupPage').then((module) => module.CaseWorkupPage),
  '/cases/:caseId/edit': () => import('./pages/CaseFormPage').then((module) => module.CaseFormPage),
  '/cases/:caseId/summary': () => import('./pages/TransferSummaryPage').then((module) => module.TransferSummaryPage),
  '/letters/:letterId': () => import('./pages/LetterPage').then((module) => module.LetterPage),
  '/about': () => import('./pages/AboutPage').then((module) => module.AboutPage),
  '/settings': () => import('./pages/SettingsPage').then((module) => module.SettingsPage),
  '/users': () => import('./pages/UsersPage').then((module) => module.UsersPage),
} satisfies Record<string, () => Promise<ComponentType>>;

export type PagePath = keyof typeof PAGE_CHUNKS;

/** The route path a location's path opens (`/cases/7/edit` → `/cases/:caseId/edit`), as the router would match it. */
function routeFor(path: string): PagePath | undefined {
  const segments = path.split('/').filter(Boolean);
  return (Object.keys(PAGE_CHUNKS) as PagePath[]).find((route) => {
    const parts = route.split('/').filter(Boolean);
    return parts.length === segments.length && parts.every((part, index) => part.startsWith(':') || part === segments[index]);
  });
}

/** Starts loading the chunk of the page a location (a hash such as `#/matrix?x=1`) opens. */
export function preloadPageFor(hash: string): void {
  const route = routeFor(hash.replace(/^#/, '').split('?')[0] ?? '');
  if (route) void PAGE_CHUNKS[route]();
}
