import { fileRoute } from '@/platform/http/file-route';
import { attachmentResponse } from '@/modules/parcels/custody/file-response';

export const dynamic = 'force-dynamic';

/** A stored attachment (inspection photo, event document …), for holders of parcel:view. `?download=1` forces a download. */
export const GET = fileRoute('/api/files', '附件下载', attachmentResponse);
