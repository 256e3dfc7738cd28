import type request from 'supertest';

/** The value of the hidden _csrf field of a rendered form ('' when the page has none). */
export function csrfFrom(html: string): string {
  return /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? '';
}

/** GETs a page and POSTs its form with `fields`, carrying the CSRF token like a browser would. */
export async function submitForm(agent: ReturnType<typeof request.agent>, pageUrl: string, action: string, fields: Record<string, string | string[]>) {
  const page = await agent.get(pageUrl);
  const body = new URLSearchParams();
  body.append('_csrf', csrfFrom(page.text));
  for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
  return agent.post(action).type('form').send(body.toString());
}
