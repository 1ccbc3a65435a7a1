/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
    /** API base URL; H5 defaults to the same-origin `/api` proxy. */
    TARO_APP_API_BASE?: string;
    /** Show the demo logins (local stand-in WeChat) on the 我的 page. */
    TARO_APP_DEMO_LOGIN?: string;
  }
}
