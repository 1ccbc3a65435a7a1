/** A group chat robot of the staff (企业微信群机器人): one markdown message to a webhook. */
export interface GroupRobot {
  /**
   * `sent`; `retry` when it surely did not arrive (refused before sending, or rate-limited); `failed`
   * when it cannot arrive or may have arrived (a timeout): never sent twice.
   */
  post(webhook: string, markdown: string): Promise<'sent' | 'retry' | 'failed'>;
}
