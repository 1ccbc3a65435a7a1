import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';

/** Pull-down refresh on a page that loads through `load`: runs it, then closes the spinner whatever happened. */
export function usePullToRefresh(load: () => Promise<unknown>): void {
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));
}

/**
 * Pull-down refresh on a page whose parts load themselves: a number that changes on each pull-down,
 * for the page to key those parts on (or list in an effect's dependencies) so that they load again.
 */
export function usePullRound(): number {
  const [round, setRound] = useState(0);
  usePullDownRefresh(() => {
    setRound((r) => r + 1);
    void Taro.stopPullDownRefresh();
  });
  return round;
}
