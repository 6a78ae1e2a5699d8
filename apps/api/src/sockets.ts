import type { Server as HttpServer } from 'node:http';
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { rooms, type ServerEvents } from '@quorum/contracts';
import { findUser, listProjects, type ServiceContext } from '@quorum/services';

/**
 * socket.io on the same HTTP server and the same session as the API. The Redis adapter links
 * API instances, and the worker emits into the same channel, so an event reaches its room
 * wherever the socket is connected. Sockets join only rooms their role and membership allow.
 */
export function attachSockets(http: HttpServer, ctx: ServiceContext, session: RequestHandler, redis: Redis, socketKey: string) {
  const io = new Server<Record<string, never>, ServerEvents>(http, { path: '/socket.io', serveClient: false });
  const pub = redis.duplicate();
  const sub = redis.duplicate();
  io.adapter(createAdapter(pub, sub, { key: socketKey }));
  // io.close() leaves the adapter's own connections open; close them with it.
  const close = io.close.bind(io);
  io.close = async (fn) => {
    await close(fn);
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
  io.engine.use(session);
  io.use(async (socket, next) => {
    const userId = (socket.request as { session?: { userId?: string } }).session?.userId;
    const user = userId ? await findUser(ctx.db, userId).catch(() => null) : null;
    if (!user) return next(new Error('unauthenticated'));
    socket.data.user = user;
    await socket.join(rooms.user(user.id));
    for (const p of await listProjects(ctx, user)) {
      const room = user.role === 'labeller' ? rooms.labellers(p.id) : user.role === 'expert' ? rooms.experts(p.id) : rooms.engineers(p.id);
      await socket.join(room);
    }
    next();
  });
  return io;
}
