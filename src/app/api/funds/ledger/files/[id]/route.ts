import { fileRoute } from '@/platform/http/file-route';
import { ledgerFileResponse } from '@/modules/funds/ledger/files';

export const dynamic = 'force-dynamic';

/** An attachment of a ledger entry (voucher, invoice, contract scan), for holders of fund:view. `?download=1` forces a download. */
export const GET = fileRoute('/api/funds/ledger/files', '收支附件下载', ledgerFileResponse);
