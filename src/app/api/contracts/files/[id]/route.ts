import { fileRoute } from '@/platform/http/file-route';
import { contractFileResponse } from '@/modules/contracts/files';

export const dynamic = 'force-dynamic';

/** An attachment of a contract (scan, annex), for holders of contract:view. `?download=1` forces a download. */
export const GET = fileRoute('/api/contracts/files', '合同附件下载', contractFileResponse);
