/** 网格公示牌: a grid's public board, and its printable 小程序码 for those who look after the grid. */
import type { GridBoardResponse } from '@linli/shared';
import { api, type Out } from './request';

/** The board of a grid (public: no sign-in needed). 404 when there is no such grid. */
export const fetchGridBoard = (gridId: string) => api<Out<typeof GridBoardResponse>>('GET', `/grids/${encodeURIComponent(gridId)}/board`, { auth: false });

/** The API path of a grid board's 小程序码 (for QrCode's `wxacode`). */
export const gridBoardCodePath = (gridId: string): string => `/grids/${encodeURIComponent(gridId)}/board/wxacode`;

/** The page a board's code opens. */
export const gridBoardPath = (gridId: string): string => `packages/grid/index?id=${encodeURIComponent(gridId)}`;
