/**
 * Reads every token name on a target through its own HTTP API (getTokens, showAll=true, page by page)
 * with an admin token: how a system test checks what a run left behind (H1) without trusting the
 * suite's own cleanup report. Waits out 429s (the target may still be inside a full rate-limit window).
 */
const PAGE = 100;
const MAX_ATTEMPTS = 8;

export async function listTokenNames(baseUrl: string, adminToken: string): Promise<string[]> {
  const names: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await fetchPage(baseUrl, adminToken, offset);
    for (const item of page.items) names.push(item.name);
    if (page.items.length === 0 || offset + page.items.length >= page.totalCount) return names;
  }
}

async function fetchPage(baseUrl: string, adminToken: string, offset: number): Promise<{ items: { name: string }[]; totalCount: number }> {
  const url = `${baseUrl}/api/v2/tokens?showAll=true&limit=${PAGE}&offset=${offset}`;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const response = await fetch(url, { headers: { Authorization: adminToken } });
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) ? seconds : 1) * 1000 + 50));
      continue;
    }
    if (response.status !== 200) throw new Error(`listing tokens at ${baseUrl}: getTokens answered ${response.status}`);
    const body = (await response.json()) as { items?: { name?: unknown }[]; totalCount?: unknown };
    if (!Array.isArray(body.items) || typeof body.totalCount !== 'number')
      throw new Error(`listing tokens at ${baseUrl}: getTokens 200 without items[] and totalCount`);
    return { items: body.items.map((i) => ({ name: typeof i.name === 'string' ? i.name : '' })), totalCount: body.totalCount };
  }
  throw new Error(`listing tokens at ${baseUrl}: still rate limited after ${MAX_ATTEMPTS} attempts`);
}
