import * as z from 'zod';
import { zhCN } from 'zod/locales';

/** Default validation messages in Simplified Chinese (schemas may still give their own). */
z.config(zhCN());
