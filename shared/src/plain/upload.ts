export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 6;

/** Files of records staff import (a batch of 12345 tickets): CSV with a header row, or JSON lines. */
export const FILE_TYPES = ['text/csv', 'application/x-ndjson'] as const;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
