import { buildTestApp } from '../helpers/app';
import { addUser, signIn } from '../helpers/auth';
import { buildQuestionnaire } from '../helpers/factories';
import { submitForm } from '../helpers/forms';

const SURVEY = 'test-survey';

/**
 * The factory questionnaire is offered in en and bg but some texts exist in English only: the "hours" question's
 * label and the options of "settings". A Bulgarian respondent must see them in English, marked lang="en".
 */
async function bulgarianPage1() {
  const app = buildTestApp(buildQuestionnaire());
  const agent = app.agent();
  await submitForm(agent, `/s/${SURVEY}?lang=bg`, `/s/${SURVEY}/start`, { consent: 'yes' });
  return { app, html: (await agent.get(`/s/${SURVEY}/p/1`)).text };
}

describe('a questionnaire text missing in the respondent language', () => {
  test('when a label is missing in Bulgarian, then the English label is shown with lang="en" on its element', async () => {
    const { html } = await bulgarianPage1();
    expect(html).toMatch(/<html lang="bg"/);
    expect(html).toMatch(/<label for="q_hours" class="label" lang="en">Hours a week/);
    expect(html).toMatch(/<label for="q_settings"[^>]*lang="en"[^>]*>Youth centre<\/label>/);
    // Texts that exist in Bulgarian carry no lang of their own: they inherit the page's.
    expect(html).toMatch(/<legend>Роля/);
    expect(html).toMatch(/<label for="q_role">Платен<\/label>/);
  });

  test('when texts fall back, then no label is blank and no raw key or text id shows', async () => {
    const { html } = await bulgarianPage1();
    expect(html).not.toMatch(/<(label|legend)[^>]*>\s*<\/(label|legend)>/);
    expect(html).not.toMatch(/question\.\w+\.(label|option)|respondent:|errors:|\{\{/);
  });

  test('when an admin previews the questionnaire in Bulgarian, then each fallback text is flagged and counted', async () => {
    const app = buildTestApp(buildQuestionnaire());
    addUser(app.db, 'admin@example.org', 'admin');
    const admin = app.agent();
    await signIn(admin, 'admin@example.org');
    const res = await admin.get(`/admin/surveys/${SURVEY}/preview?lang=bg`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<span class="missing-text" lang="en">Hours a week<\/span> <small class="missing-flag">/);
    expect(res.text).toMatch(/<span class="missing-text" lang="en">Youth centre<\/span>/);
    expect(res.text).toMatch(/\d+ texts are missing in this language and fall back to another one/);
    expect(res.text).toMatch(/<span lang="bg">Роля<\/span>/);
  });
});
