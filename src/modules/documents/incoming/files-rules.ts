import { DOCUMENT_TYPE_LABEL, MAX_DOCUMENT_BYTES, documentProblem } from '@/platform/storage/document-types';

/**
 * Attachments of a 收文 (the scanned document, its enclosures): PDF or an image, recognised by
 * content (the platform's document check: size, empty file, program/script names, content type).
 * Client-safe: the upload button checks first, the mutation again.
 */
export const INCOMING_ATTACHMENT_OWNER = 'incoming-document';
export const INCOMING_FILE_LABEL = DOCUMENT_TYPE_LABEL;
export const INCOMING_FILE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp';
export const INCOMING_FILE_MAX_BYTES = MAX_DOCUMENT_BYTES;
export const MAX_INCOMING_ATTACHMENTS = 20;
export const incomingFileProblem = documentProblem;
