/** Domain errors. Each carries a stable `code`; the HTTP layer maps classes to status codes in one place. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input failed validation; `fields` says which and why. */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super('validation_failed', message);
  }
}

/** No valid session. */
export class UnauthenticatedError extends DomainError {
  constructor(message = '请先登录', code = 'unauthenticated') {
    super(code, message);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  constructor(message = '没有权限执行此操作') {
    super('forbidden', message);
  }
}

export class NotFoundError extends DomainError {
  /** `what` does not exist; or, with a code, the whole message to show. */
  constructor(what: string, code?: string) {
    super(code ?? 'not_found', code ? what : `${what}不存在`);
  }
}

/** A concurrent change won, or the resource is in a state that forbids the change. */
export class ConflictError extends DomainError {
  constructor(
    message = '数据已被他人修改，请刷新后重试',
    code = 'conflict',
    /** The stored item whose condition failed, when a transaction names it (logged, not shown). */
    readonly item?: string,
  ) {
    super(code, message);
  }
}

/** WeChat (or another upstream) refused or failed. `status` says how the caller should read it. */
export class UpstreamError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly status: 401 | 403 | 429 | 502,
  ) {
    super(code, message);
  }
}
