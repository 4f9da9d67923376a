// Every API response a test sees is checked against /api/v1/openapi.json: its status must be documented for the
// route, and its JSON body must match the documented schema (JSON Schema 2020-12, as OpenAPI 3.1 uses).
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components?: object;
};

export class OpenApiChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  readonly checked: string[] = [];

  constructor(readonly doc: Doc) {
    (addFormats as unknown as (a: Ajv2020) => void)(this.ajv);
    this.ajv.addSchema({ $id: 'openapi.json', components: doc.components ?? {} });
  }

  static async load(base: string): Promise<OpenApiChecker> {
    const res = await fetch(`${base}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    return new OpenApiChecker((await res.json()) as Doc);
  }

  /**
   * An API client for `base` with a default token: JSON in, every answer checked against the document. `opts`
   * sends one call with another token or to another server.
   */
  caller(base: string, token: string) {
    return async (
      method: string,
      p: string,
      body?: unknown,
      headers: Record<string, string> = {},
      opts: { token?: string; base?: string } = {},
    ) => {
      const res = await fetch((opts.base ?? base) + p, {
        method,
        headers: { authorization: `Bearer ${opts.token ?? token}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { res, json: (await this.check(method, p, res)) as Record<string, unknown> | undefined };
    };
  }

  /** The documented template (`/sources/{id}`) that a concrete path (`/api/v1/sources/bbc`) matches. */
  template(path: string): string | undefined {
    const rel = path.replace(/^\/api\/v1/, '').split('?')[0] ?? '';
    return Object.keys(this.doc.paths).find((t) =>
      new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, '[^/]+')}$`).test(
        rel,
      ),
    );
  }

  /** Checks a response (its body is read from a clone) and returns the parsed JSON body. */
  async check(method: string, path: string, res: Response): Promise<unknown> {
    const template = this.template(path);
    expect(template, `${method} ${path} is not in openapi.json`).toBeDefined();
    const op = this.doc.paths[template ?? '']?.[method.toLowerCase()];
    expect(op, `${method} ${template} is not in openapi.json`).toBeDefined();
    const documented = op?.responses[String(res.status)] ?? op?.responses.default;
    expect(documented, `${method} ${template} answered ${res.status}, which openapi.json does not list`).toBeDefined();
    const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const text = await res.clone().text();
    if (!text) return undefined;
    const body = type.endsWith('json') ? (JSON.parse(text) as unknown) : text;
    const schema = documented?.content?.[type]?.schema;
    expect(schema, `${method} ${template} ${res.status}: no schema for ${type}`).toBeDefined();
    const validate = this.ajv.compile(rewriteRefs(schema));
    const ok = validate(body);
    expect(ok, `${method} ${template} ${res.status}: ${this.ajv.errorsText(validate.errors)}`).toBe(true);
    this.checked.push(`${method} ${template} ${res.status}`);
    return body;
  }
}

/** `#/components/schemas/X` refs point into the registered document. */
function rewriteRefs(schema: unknown): object {
  return JSON.parse(JSON.stringify(schema ?? {}).replace(/"#\/components\//g, '"openapi.json#/components/')) as object;
}
