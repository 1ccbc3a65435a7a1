/// <reference lib="dom" />
/**
 * What an elder needs of a page, measured in the browser on the page on top: text large enough
 * (the size drawn: computed size × CSS zoom), lines not cramped, text that stands out from its
 * background (WCAG contrast), every tappable thing large enough, nothing wider than the screen.
 * Tappable: buttons, inputs, chips, and any element React gave an onClick (Taro's Views).
 */
import type { Page } from 'playwright-core';

export interface ElderRule {
  /** Smallest text drawn, CSS px. */
  minText: number;
  /** The page's own body text (its root's size), CSS px. */
  minBody: number;
  /** Smallest line height as a multiple of the font size (0: not checked). */
  minLineHeight: number;
  /** Smallest contrast ratio of text against the background it is drawn on. */
  minContrast: number;
  /** Smallest width and height of a touch target, CSS px. */
  minTarget: number;
}

/** Everywhere: body ≥ 16 px, nothing below 14 px, targets ≥ 44×44, contrast ≥ 4.5:1. */
export const NORMAL: ElderRule = { minText: 14, minBody: 16, minLineHeight: 0, minContrast: 4.5, minTarget: 44 };
/** 关怀模式: text ≥ 18 px, line height ≥ 1.3, targets ≥ 60×60, contrast ≥ 4.5:1. */
export const CARE: ElderRule = { minText: 18, minBody: 18, minLineHeight: 1.3, minContrast: 4.5, minTarget: 60 };

/** Everything on the page on top that breaks the rule, described for a failure message (first few of each kind). */
export async function elderProblems(page: Page, rule: ElderRule): Promise<string[]> {
  // A page left behind slides out (H5 route transition) while the new one is on top: judge once it is gone.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 3000 })
    .catch(() => {});
  return page.evaluate((r) => {
    // The page on top is the last one shown in its place (not one still sliding away to the side).
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((e) => e.offsetParent !== null && Math.abs(e.getBoundingClientRect().left) < 1);
    const top = shown[shown.length - 1];
    if (!top) return ['no page shown'];
    const root = (top.querySelector<HTMLElement>('.page') ?? top) as HTMLElement & { currentCSSZoom?: number };
    const problems: Record<string, string[]> = { text: [], line: [], contrast: [], target: [], wide: [], body: [] };
    const zoomOf = (e: Element) => (e as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
    const visible = (e: HTMLElement) => {
      const rect = e.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return false;
      const cs = getComputedStyle(e);
      return cs.visibility !== 'hidden' && cs.display !== 'none' && Number(cs.opacity) > 0.05 && e.closest('[aria-hidden="true"]') === null;
    };
    const label = (e: HTMLElement) => (e.innerText || e.getAttribute('placeholder') || e.dataset.testid || e.className || e.tagName).trim().replace(/\s+/g, ' ').slice(0, 24);

    const body = parseFloat(getComputedStyle(root).fontSize) * zoomOf(root);
    if (body < r.minBody - 0.05) problems.body!.push(`page text ${body.toFixed(1)}px`);

    // Colours: parse rgb(a); the background a text is drawn on is the first opaque one above it.
    const rgba = (c: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0]!, p[1]!, p[2]!, p.length > 3 ? p[3]! : 1];
    };
    const lum = ([R, G, B]: number[]) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(R!) + 0.7152 * ch(G!) + 0.0722 * ch(B!);
    };
    const backgroundOf = (e: HTMLElement): number[] => {
      for (let x: HTMLElement | null = e; x; x = x.parentElement) {
        const bg = rgba(getComputedStyle(x).backgroundColor);
        if (bg[3] >= 0.9) return bg;
        if (getComputedStyle(x).backgroundImage !== 'none') return [-1, -1, -1, 1]; // a picture: not judged
      }
      return [255, 255, 255, 1];
    };

    for (const e of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
      const own = Array.from(e.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (own && visible(e)) {
        const cs = getComputedStyle(e);
        const size = parseFloat(cs.fontSize) * zoomOf(e);
        if (size < r.minText - 0.05) problems.text!.push(`${label(e)} ${size.toFixed(1)}px`);
        if (r.minLineHeight > 0 && cs.lineHeight !== 'normal' && parseFloat(cs.lineHeight) / parseFloat(cs.fontSize) < r.minLineHeight - 0.01) {
          problems.line!.push(`${label(e)} ${(parseFloat(cs.lineHeight) / parseFloat(cs.fontSize)).toFixed(2)}`);
        }
        if (r.minLineHeight > 0 && cs.lineHeight === 'normal' && e.getBoundingClientRect().height > size * 1.9) problems.line!.push(`${label(e)} normal`);
        const bg = backgroundOf(e);
        const fg = rgba(cs.color);
        if (bg[0] !== -1 && fg[3] > 0) {
          const [a, b] = [lum(fg), lum(bg)];
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          if (ratio < r.minContrast - 0.01) problems.contrast!.push(`${label(e)} ${ratio.toFixed(2)}:1 (${cs.color} on rgb(${bg.slice(0, 3).join(',')}))`);
        }
      }
      const props = Object.entries(e).find(([k]) => k.startsWith('__reactProps'))?.[1] as { onClick?: unknown; onTap?: unknown } | undefined;
      const tappable = /^(TARO-BUTTON-CORE|BUTTON|TARO-INPUT-CORE|TARO-TEXTAREA-CORE|TARO-PICKER-CORE)$/.test(e.tagName) || e.classList.contains('chip') || !!props?.onClick || !!props?.onTap;
      if (tappable && visible(e) && !e.hasAttribute('disabled')) {
        const rect = e.getBoundingClientRect();
        if (rect.width < r.minTarget - 0.5 || rect.height < r.minTarget - 0.5) problems.target!.push(`${label(e)} ${Math.round(rect.width)}×${Math.round(rect.height)}`);
      }
    }
    const width = document.documentElement.clientWidth;
    for (const e of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
      const rect = e.getBoundingClientRect();
      if (rect.width > 0 && rect.right > width + 1 && visible(e) && getComputedStyle(e.parentElement ?? e).overflowX === 'visible') problems.wide!.push(`${label(e)} to ${Math.round(rect.right)}px`);
    }
    return Object.entries(problems).flatMap(([kind, list]) => list.slice(0, 6).map((p) => `${kind}: ${p}`));
  }, rule);
}
