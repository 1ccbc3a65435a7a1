/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
  }
}

/** API base URL set at build time (TARO_APP_API_BASE); empty means the default for the platform. */
declare const LINLI_API_BASE: string;
/** 'true' to offer the demo logins of the local WeChat stand-in (TARO_APP_DEMO_LOGIN). */
declare const LINLI_DEMO_LOGIN: string;
