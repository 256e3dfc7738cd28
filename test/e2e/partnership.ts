import type { Page } from 'playwright-core';
import { createDemoGenerator } from '../../src/demo/generator';
import { validateAnswers } from '../../src/questionnaires/answers';
import { createQuestionnaireService } from '../../src/questionnaires/service';
import { createResponseService } from '../../src/responses/service';
import type { Db } from '../../src/shared/db';
import { createSurveyService } from '../../src/surveys/service';
import { addUser, PASSWORD } from '../helpers/auth';
import { SURVEY } from './server';

const CITIES = ['Sofia', 'Bologna', 'Valencia', 'Ljubljana', 'Tampere', 'Porto', 'Kraków', 'Leipzig', 'Lyon', 'Cluj-Napoca', 'Rotterdam', 'Malmö', 'Plovdiv', 'Maribor', 'Thessaloniki', 'Brno'];

/**
 * (Give each partner 20 or more so that no partner's perturbed size can fall under min_group.)
 * `partners` collectors with long, realistic names, each with `perPartner` synthetic responses of the shipped
 * questionnaire (the demo generator's answers, stored as the API would), so that every group is shown.
 */
export function seedPartners(db: Db, partners: number, perPartner: number): void {
  const surveys = createSurveyService(db, createQuestionnaireService(db));
  const survey = surveys.find(SURVEY)!;
  const responses = createResponseService(db);
  const generator = createDemoGenerator(survey.current.definition, 11);
  for (let p = 0; p < partners; p++) {
    const id = `partner-${String(p + 1).padStart(2, '0')}`;
    surveys.saveCollector(SURVEY, { id, label: `${CITIES[p % CITIES.length]} youth work network ${p + 1}`, invited: perPartner * 2 });
    for (let i = 0; i < perPartner; i++) {
      const checked = validateAnswers(survey.current.definition, generator.next().answers, { hidden: 'reject' });
      if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
      responses.submit({ survey, version: survey.current, collectorId: id, lang: 'en', answers: checked.answers, countStart: true });
    }
  }
}

/** An admin account on the server's database, signed in through the browser's sign-in form. */
export async function signInAsAdmin(page: Page, serverUrl: string, db: Db, email = 'admin@example.org'): Promise<void> {
  try {
    addUser(db, email, 'admin');
  } catch {
    // already there from an earlier test of the file
  }
  await page.goto(`${serverUrl}/login`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForEvent('load'), page.click('form[action="/login"] button[type=submit]')]);
}
