/** A WeChat subscribe message (订阅消息), rendered by the job that sends it. */
export interface SubscribeMessage {
  userId: string;
  templateId: string;
  /** The mini-program page it opens, e.g. `packages/request-detail/index?id=…`. */
  page: string;
  /** Template fields, e.g. `{ thing1: '…', phrase2: '…' }` (values already clipped to WeChat's limits). */
  data: Record<string, string>;
}

/** `sent`; `rejected`: will never go (unknown user, refused for good); `failed`: try again later. */
export type SendOutcome = 'sent' | 'rejected' | 'failed';

export interface Messenger {
  send(message: SubscribeMessage): Promise<SendOutcome>;
}
