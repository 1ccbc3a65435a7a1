/**
 * Mini-program codes (小程序码): an image that WeChat's own scanner opens at a page of the
 * mini-program, handing it `scene` (≤32 characters). Invitations and family links print one.
 */
export interface MiniProgramCodes {
  /** The image for `page` (no leading slash, no query) with `scene`, as a `data:` URL. */
  unlimited(page: string, scene: string): Promise<string>;
}
