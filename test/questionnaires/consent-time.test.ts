import { parseQuestionnaire } from '../../src/questionnaires/schema';
import { LANGUAGES } from '../../src/i18n/languages';
import { fixedT } from '../../src/i18n';
import { buildTestApp } from '../helpers/app';
import { buildQuestionnaire, defaultQuestionnaireText } from '../helpers/factories';

/** The text a reader sees in <main>: tags dropped, the entities EJS writes decoded, spaces collapsed. */
function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? '';
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#34': '"' };
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#34);/g, (_, e: string) => entities[e]!)
    .replace(/\s+/g, ' ');
}

const shipped = (() => {
  const parsed = parseQuestionnaire(defaultQuestionnaireText(), 'youth-worker-tna.json');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.questionnaire;
})();

describe('the consent page says how long the questionnaire takes once', () => {
  const { agent } = buildTestApp(shipped);

  test.each(LANGUAGES)('when the shipped questionnaire (with its own description) is opened in %s, then its description is shown and the interface estimate is not', async (lang) => {
    const res = await agent().get(`/s/${shipped.id}?lang=${lang}`);
    expect(res.status).toBe(200);
    const text = mainText(res.text);
    expect(text).toContain(shipped.description![lang]!.replace(/\s+/g, ' '));
    expect(text).not.toContain(fixedT(lang, 'respondent')('timeEstimate'));
    expect(text.match(/\b15\b/g) ?? []).toHaveLength(1);
  });

  test.each(['en', 'uk', 'mt'])('when a questionnaire without a description is opened in %s, then the interface estimate is shown once', async (lang) => {
    const q = buildQuestionnaire({ id: 'plain', languages: [...LANGUAGES], description: undefined });
    const res = await buildTestApp(q).agent().get(`/s/plain?lang=${lang}`);
    expect(res.status).toBe(200);
    const text = mainText(res.text);
    const estimate = fixedT(lang, 'respondent')('timeEstimate');
    expect(text.split(estimate)).toHaveLength(2);
  });
});
