import type { EncryptedColumn } from '@/platform/crypto/rotate';
import { userTotp } from '@/platform/auth/schema';
import { signerKeys } from '@/platform/crypto/schema';
import { compensationParties } from '../schema';

/**
 * Every SM4-encrypted column of the system, for `npm run keys:rotate`. The data model holds no
 * personal bank account (fund_accounts are the centre's own accounts, not personal data); a new
 * encrypted column must be added here and to PERSONAL_FIELDS (platform/crypto/keys.ts).
 */
export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { table: compensationParties, id: compensationParties.id, column: compensationParties.idNumberEnc, field: 'idNumber' },
  { table: compensationParties, id: compensationParties.id, column: compensationParties.phoneEnc, field: 'phone' },
  // 动态口令 secrets (platform/auth/totp-store.ts) use the same keys.
  { table: userTotp, id: userTotp.userId, column: userTotp.secretEnc, field: 'totpSecret' },
  // SM2 private keys of 签发 signers (platform/crypto/signer-keys.ts).
  { table: signerKeys, id: signerKeys.id, column: signerKeys.privateKeyEnc, field: 'signerPrivateKey' },
];
