/**
 * Checks an API answer against the OpenAPI document: the operation is found by method and path (as
 * API Gateway would match it), the status must be one it declares, and the body must match that
 * status's schema (JSON Schema 2020-12, with the document's components). The integration tests run
 * every answer through it (tests/support/harness.ts), so that the document and the wire agree.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Json = Record<string, any>;

interface Operation {
  id: string;
  method: string;
  template: string;
  pattern: RegExp;
  literals: number;
  responses: Record<string, Json>;
}

export interface CheckResult {
  /** The operationId answered, or null when no operation has this method and path (not an API route). */
  operation: string | null;
  /** What does not match the document; empty when the answer matches. */
  problems: string[];
}

export interface ResponseChecker {
  check(answer: { method: string; path: string; status: number; contentType?: string | null; body: unknown }): CheckResult;
}

const pointer = (parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function compile(doc: Json): Operation[] {
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const segments = template.split('/').filter(Boolean);
      const source = segments
        .map((s) => `/${s.split(/(\{\w+\})/).map((part) => (/^\{\w+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}`)
        .join('');
      ops.push({
        id: (op as Json).operationId,
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${source || '/'}$`),
        literals: segments.filter((s) => !s.includes('{')).length,
        responses: (op as Json).responses,
      });
    }
  }
  // As API Gateway: a literal segment wins over a variable (`/stations/nearby` over `/stations/{id}`).
  return ops.sort((a, b) => b.literals - a.literals);
}

/** A checker of answers against `doc` (an OpenAPI 3.1 document whose `$ref`s are local). */
export function responseChecker(doc: Json): ResponseChecker {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi.json');
  const ops = compile(doc);
  const validators = new Map<string, ValidateFunction>();
  const deref = (node: Json): Json => {
    if (typeof node.$ref !== 'string') return node;
    const parts = node.$ref.replace(/^#\//, '').split('/').map((p: string) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    return parts.reduce((n: Json, p: string) => n?.[p], doc);
  };
  return {
    check({ method, path, status, contentType, body }) {
      const pathname = path.split('?')[0]!;
      const candidates = ops.filter((o) => o.pattern.test(pathname));
      const op = candidates.find((o) => o.method === method.toUpperCase());
      if (!op) return { operation: null, problems: [] };
      const where = `${op.method} ${op.template} (${op.id}) → ${status}`;
      const declared = op.responses[String(status)];
      if (!declared) return { operation: op.id, problems: [`${where}: status ${status} is not declared (declared: ${Object.keys(op.responses).join(', ')})`] };
      const response = deref(declared);
      const media = response.content?.['application/json'];
      if (!media) return { operation: op.id, problems: [] };
      const problems: string[] = [];
      if (contentType !== undefined && !contentType?.startsWith('application/json')) problems.push(`${where}: content-type ${contentType}, declared application/json`);
      const key = `${op.method} ${op.template} ${status}`;
      let validate = validators.get(key);
      if (!validate) {
        const at = declared.$ref
          ? `${declared.$ref}/content/application~1json/schema`
          : `#/${pointer(['paths', op.template, op.method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema'])}`;
        validate = ajv.getSchema(`openapi.json${at}`);
        if (!validate) throw new Error(`no schema at ${at}`);
        validators.set(key, validate);
      }
      if (!validate(body)) {
        for (const e of validate.errors ?? []) problems.push(`${where}: body${e.instancePath} ${e.message ?? ''} ${e.params ? JSON.stringify(e.params) : ''}`.trim());
      }
      return { operation: op.id, problems };
    },
  };
}

/** The answers checked so far in this test file: operationId → the statuses seen (each matched the document). */
export const checkedAnswers = new Map<string, Set<number>>();
