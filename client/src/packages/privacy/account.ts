import { DeleteAccountResponse } from '@linli/shared';
import { api } from '../../services/request';

/** 注销账号: the name, phone and addresses are erased at once; filed requests stay without them. */
export const deleteAccount = () => api('POST', '/me/deletion', DeleteAccountResponse, { body: { confirm: true } });
