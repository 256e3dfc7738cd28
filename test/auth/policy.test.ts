import { canReadFreeText, collectorScope, decide, hasPermission, PERMISSIONS, type Permission } from '../../src/auth/policy';
import type { AuthUser, Role } from '../../src/auth/schema';

const user = (role: Role, extra: Partial<AuthUser> = {}): AuthUser => ({ id: 1, email: `${role}@example.org`, role, canReadFreeText: role === 'admin', scopes: [], via: 'session', ...extra });
const sofia = user('coordinator', { scopes: [{ surveyId: 's1', collectorId: 'sofia' }, { surveyId: 's1', collectorId: 'plovdiv' }] });
const researcher = user('researcher');
const reader = user('researcher', { canReadFreeText: true });
const admin = user('admin');

describe('hasPermission', () => {
  test.each<[Role, Permission[]]>([
    ['admin', [...PERMISSIONS]],
    ['coordinator', ['survey:view', 'responses:raw', 'report:view', 'export:data', 'outcomes:edit']],
    ['researcher', ['survey:view', 'responses:raw', 'report:view', 'export:data']],
  ])('when the role is %s, then exactly these permissions are granted: %j', (role, granted) => {
    expect(PERMISSIONS.filter((p) => hasPermission(user(role), p))).toEqual(granted);
  });
});

describe('decide', () => {
  test.each<[string, AuthUser, Permission, { surveyId?: string; collectorId?: string }, string]>([
    ['admin anywhere', admin, 'users:admin', {}, 'allow'],
    ['coordinator managing users', sofia, 'users:admin', {}, 'forbidden'],
    ['coordinator changing settings of their own survey', sofia, 'survey:admin', { surveyId: 's1' }, 'forbidden'],
    ['coordinator erasing a response', sofia, 'responses:erase', { surveyId: 's1', collectorId: 'sofia' }, 'forbidden'],
    ['coordinator reading their collector', sofia, 'responses:raw', { surveyId: 's1', collectorId: 'sofia' }, 'allow'],
    ['coordinator reading all their collectors', sofia, 'responses:raw', { surveyId: 's1' }, 'allow'],
    ['coordinator reading another partner', sofia, 'responses:raw', { surveyId: 's1', collectorId: 'rome' }, 'not_found'],
    ['coordinator exporting another partner', sofia, 'export:data', { surveyId: 's1', collectorId: 'rome' }, 'not_found'],
    ['coordinator comparing all groups in a report', sofia, 'report:view', { surveyId: 's1', collectorId: 'rome' }, 'allow'],
    ['coordinator looking at a survey they are not part of', sofia, 'report:view', { surveyId: 's2' }, 'not_found'],
    ['coordinator with the same collector id in another survey', sofia, 'responses:raw', { surveyId: 's2', collectorId: 'sofia' }, 'not_found'],
    ['researcher without the microdata grant reading raw responses', researcher, 'responses:raw', { surveyId: 's2', collectorId: 'rome' }, 'forbidden'],
    ['researcher without the microdata grant exporting rows', researcher, 'export:data', { surveyId: 's2' }, 'forbidden'],
    ['researcher without the microdata grant reading the protected report', researcher, 'report:view', { surveyId: 's2' }, 'allow'],
    ['researcher with the microdata grant reading raw responses of any partner', reader, 'responses:raw', { surveyId: 's2', collectorId: 'rome' }, 'allow'],
    ['researcher importing a questionnaire', researcher, 'survey:admin', {}, 'forbidden'],
    ['coordinator entering the outcomes of their collector', sofia, 'outcomes:edit', { surveyId: 's1', collectorId: 'sofia' }, 'allow'],
    ['coordinator entering the outcomes of another partner', sofia, 'outcomes:edit', { surveyId: 's1', collectorId: 'rome' }, 'not_found'],
    ['researcher entering outcomes', reader, 'outcomes:edit', { surveyId: 's1', collectorId: 'rome' }, 'forbidden'],
  ])('when %s, then the decision is %s', (_name, who, permission, target, expected) => {
    expect(decide(who, permission, target)).toBe(expected);
  });
});

describe('collectorScope', () => {
  test.each<[string, AuthUser, string, 'all' | string[]]>([
    ['an admin', admin, 's1', 'all'],
    ['a researcher without the microdata grant', researcher, 's1', []],
    ['a researcher with the microdata grant', reader, 's1', 'all'],
    ['a coordinator in their survey', sofia, 's1', ['sofia', 'plovdiv']],
    ['a coordinator in another survey', sofia, 's2', []],
  ])('when asked for %s, then the scope is %j', (_name, who, surveyId, expected) => {
    expect(collectorScope(who, surveyId)).toEqual(expected);
  });
});

describe('canReadFreeText', () => {
  test.each<[string, AuthUser, string | null | undefined, boolean]>([
    ['an admin, whole survey', admin, undefined, true],
    ['a researcher without the grant', researcher, 'sofia', false],
    ['a researcher with the grant, whole survey', reader, undefined, true],
    ['a coordinator, own collector', sofia, 'sofia', true],
    ['a coordinator, another collector', sofia, 'rome', false],
    ['a coordinator, the direct link', sofia, null, false],
    ['a coordinator, whole survey at once', sofia, undefined, false],
  ])('when %s, then it is %s', (_name, who, collectorId, expected) => {
    expect(canReadFreeText(who, 's1', collectorId)).toBe(expected);
  });
});
