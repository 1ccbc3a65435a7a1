import { DeleteAccountResponse } from '@linli/shared';
import { api, type Out } from '../../services/request';

/** 注销账号: the name, phone and addresses are erased at once; filed requests stay without them. */
export const deleteAccount = () => api<Out<typeof DeleteAccountResponse>>('POST', '/me/deletion', { body: { confirm: true } });
