import type { LocusQuadrant } from '../analysis/stats/borich';
import { ROLES } from '../auth/schema';
import type { QuestionType } from '../questionnaires/schema';
import { EXPORT_KEYS } from '../reporting/exports/words';
import type { SurveyState } from '../surveys/service';
import type { Verdict } from '../waves/schema';

/**
 * Keys the code builds at run time (`t('role_' + role)`, `` t(`quadrant.${q}`) ``), declared in one place so that
 * `npm run check:i18n` can check that every key such code may ask for exists. `pattern` has one `{}` for the
 * value; the lists are typed against the domain where a type exists, so a new role, state or question type fails
 * to compile here until it is listed, and then check:i18n asks for its text.
 */
export interface RuntimeKeyFamily {
  namespace: string;
  pattern: string;
  values: readonly string[];
  /** Where the key is built, for the person who reads the problem. */
  builtIn: string;
}

const QUADRANTS = ['first_priority', 'high_gap_low_importance', 'high_importance_low_gap', 'lowest_priority'] as const satisfies readonly LocusQuadrant[];
const STATES = ['open', 'not_open_yet', 'closed'] as const satisfies readonly SurveyState[];
const QUESTION_TYPES = ['single', 'multiple', 'likert', 'competence', 'number', 'text', 'country'] as const satisfies readonly QuestionType[];

export const RUNTIME_KEYS: readonly RuntimeKeyFamily[] = [
  { namespace: 'admin', pattern: 'role_{}', values: ROLES, builtIn: 'views/admin (role names)' },
  { namespace: 'admin', pattern: 'state_{}', values: STATES, builtIn: 'views/admin/dashboard.ejs' },
  { namespace: 'admin', pattern: 'questionType_{}', values: QUESTION_TYPES, builtIn: 'views/admin/partials/questionnaire-preview.ejs' },
  { namespace: 'admin', pattern: 'outcome_{}', values: ['created', 'unchanged', 'new_version', 'replaced'], builtIn: 'views/admin/import.ejs' },
  { namespace: 'report', pattern: 'quadrant.{}', values: QUADRANTS, builtIn: 'src/reporting (ranking, charts, dashboard)' },
  { namespace: 'report', pattern: 'comparison.groupStatus.{}', values: ['shown', 'folded', 'suppressed', 'withheld'], builtIn: 'src/reporting/pdf/sections/comparison.ts' },
  { namespace: 'report', pattern: 'groupBy.{}', values: ['collector', 'lang'], builtIn: 'src/analysis/service.ts' },
  { namespace: 'report', pattern: 'export.{}', values: EXPORT_KEYS, builtIn: 'src/reporting/exports/words.ts (CSV, XLSX, SPSS)' },
  { namespace: 'respondent', pattern: 'previewGap_{}', values: ['controllerName', 'controllerContact'], builtIn: 'views/respondent/consent.ejs' },
  { namespace: 'report', pattern: 'waves.verdict.{}', values: ['closed', 'narrowed', 'unchanged', 'widened', 'none'] satisfies readonly (Verdict | 'none')[], builtIn: 'src/waves/view-model.ts (issue 14)' },
];

/** The full keys of a family: `role_{}` × [admin, coordinator] → role_admin, role_coordinator. */
export function expandFamily(family: RuntimeKeyFamily): string[] {
  return family.values.map((v) => family.pattern.replace('{}', v));
}
