/** Parses an Accept-Language header into language codes by preference ("bg-BG;q=0.9" → "bg"). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((x) => x.lang && x.lang !== '*' && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((x) => x.lang);
}

/** Respondent language: ?lang=, then the cookie, then Accept-Language, then the survey's default. */
export function pickLanguage(sources: { query?: unknown; cookie?: unknown; acceptLanguage?: string }, available: readonly string[], fallback: string): string {
  for (const candidate of [sources.query, sources.cookie]) {
    if (typeof candidate === 'string' && available.includes(candidate)) return candidate;
  }
  return acceptedLanguages(sources.acceptLanguage).find((l) => available.includes(l)) ?? fallback;
}
