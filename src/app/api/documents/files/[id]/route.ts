import { fileRoute } from '@/platform/http/file-route';
import { documentFileResponse } from '@/modules/documents/files';

export const dynamic = 'force-dynamic';

/** An attachment of a 公文, for holders of document:view. `?download=1` forces a download. */
export const GET = fileRoute('/api/documents/files', '公文附件下载', documentFileResponse);
