import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../shared/api/common.js';
import { photoList, photoOrderBody, photoParams } from '../../../shared/api/instruments.js';
import { rawBodyParser } from '../../http/raw-body.js';
import { requestContext, requireActor } from '../../http/session.plugin.js';
import { AppError } from '../../lib/errors.js';
import { PHOTO_LIMITS, type PhotoService } from './photo.service.js';

// Any image type is read, so a GIF or SVG gets the photo's own coded error rather than a generic 415.
const IMAGE_TYPES = /^(image\/|application\/octet-stream)/;
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function photoRoutes(app: FastifyInstance, deps: { service: PhotoService }) {
  const { service } = deps;
  app.register(async (scope) => {
    // Only these routes read raw image bodies; a little over the limit is read so the coded error
    // names the photo limit rather than the request's.
    scope.addContentTypeParser(
      IMAGE_TYPES,
      rawBodyParser(PHOTO_LIMITS.maxBytes, () => new AppError('INSTRUMENT_PHOTO_TOO_LARGE', { limit: '1 MB' })),
    );
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/instruments/:id/photos',
      {
        schema: {
          tags: ['instruments'],
          summary: 'Photos of an instrument, cover first',
          params: idParams,
          response: { 200: photoList },
        },
      },
      async (req) => service.list(req.params.id),
    );

    r.post(
      '/api/instruments/:id/photos',
      {
        schema: {
          tags: ['instruments'],
          summary: 'Add a photo (the raw JPEG, PNG or WebP as the body, at most 1 MB; at most 8 per instrument)',
          params: idParams,
          response: { 201: photoList, 413: errorBody, 415: errorBody, ...errors },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('INSTRUMENT_PHOTO_TYPE');
        const result = await service.upload(requireActor(req), requestContext(req), req.params.id, req.body);
        reply.status(201);
        return result;
      },
    );

    r.put(
      '/api/instruments/:id/photos/order',
      {
        schema: {
          tags: ['instruments'],
          summary: 'Order the photos; the first is the cover',
          params: idParams,
          body: photoOrderBody,
          response: { 200: photoList, ...errors },
        },
      },
      async (req) => service.reorder(requireActor(req), requestContext(req), req.params.id, req.body.ids),
    );

    r.delete(
      '/api/instruments/:id/photos/:photoId',
      {
        schema: {
          tags: ['instruments'],
          summary: 'Delete a photo',
          params: photoParams,
          response: { 200: photoList, ...errors },
        },
      },
      async (req) => service.remove(requireActor(req), requestContext(req), req.params.id, req.params.photoId),
    );

    r.get(
      '/api/instruments/:id/photos/:photoId',
      {
        schema: { tags: ['instruments'], summary: 'The image itself', params: photoParams },
      },
      async (req, reply) => {
        const photo = await service.file(req.params.id, req.params.photoId);
        // A photo id never changes its bytes (a new upload is a new id), so browsers may keep it.
        return reply
          .header('content-type', photo.contentType)
          .header('content-length', photo.byteSize)
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('etag', `"${photo.sha256}"`)
          .header('x-content-type-options', 'nosniff')
          .send(photo.bytes);
      },
    );
  });
}
