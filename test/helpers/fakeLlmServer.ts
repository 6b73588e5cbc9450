import { createServer, type Server } from 'node:http';

export interface FakeLlm {
  baseURL: string;
  requests: { messages: { role: string; content: string }[] }[];
  close(): Promise<void>;
}

/** The BASE TEXT the phraser asked to reword, recovered from the user message (pt-BR or en prompt). */
export function baseTextOf(userContent: string): string {
  const m = /(?:TEXTO-BASE a reescrever|BASE TEXT to rewrite):\n([\s\S]*?)\n\n(?:Orientação|Guidance)/.exec(userContent);
  return m?.[1] ?? '';
}

/**
 * An OpenAI-compatible server on 127.0.0.1: answers every chat completion with `answer(baseText)`
 * after `delayMs`. Tests point OPENAI_BASE_URL at it.
 */
export async function startFakeLlm(answer: (baseText: string, n: number) => string, delayMs = 0): Promise<FakeLlm> {
  const requests: FakeLlm['requests'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const parsed = JSON.parse(body || '{}');
      requests.push(parsed);
      const user = parsed.messages?.find((m: { role: string }) => m.role === 'user')?.content ?? '';
      const text = answer(baseTextOf(user), requests.length);
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: `chatcmpl-${requests.length}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: parsed.model,
            choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: text, refusal: null } }],
            usage: { prompt_tokens: 200, completion_tokens: 50, total_tokens: 250 },
          }),
        );
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
