// The API's HTTP server with bounded waits for slow clients (issue 11, finding 9: 150 stalled
// uploads were still open after 40 s). A connection must deliver a request's headers within
// HTTP_HEADERS_TIMEOUT_MS and the whole request with its body within HTTP_REQUEST_TIMEOUT_MS,
// or it is closed; an idle keep-alive connection is closed after HTTP_KEEP_ALIVE_TIMEOUT_MS.
// Node's own headersTimeout/requestTimeout are set too, but measured here (Node 20) they did
// not close a stalled connection while no other request arrived, so each connection also
// carries its own timer.
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';
import type { Config } from '../config';

export type HttpTimeouts = Pick<
  Config,
  'HTTP_HEADERS_TIMEOUT_MS' | 'HTTP_REQUEST_TIMEOUT_MS' | 'HTTP_KEEP_ALIVE_TIMEOUT_MS'
>;

export function createHttpServer(app: Express, t: HttpTimeouts): Server {
  const server = createServer(
    {
      headersTimeout: t.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: t.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeout: t.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    app,
  );
  const timers = new WeakMap<Socket, NodeJS.Timeout>();
  const arm = (socket: Socket, ms: number) => {
    clearTimeout(timers.get(socket));
    timers.set(socket, setTimeout(() => socket.destroy(), ms).unref());
  };
  // From the first byte of a connection: its headers are due within the headers timeout.
  server.on('connection', (socket: Socket) => {
    arm(socket, t.HTTP_HEADERS_TIMEOUT_MS);
    socket.once('close', () => clearTimeout(timers.get(socket)));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    // Headers are in: the body is due by the request timeout (counted from now, a little generous).
    arm(socket, t.HTTP_REQUEST_TIMEOUT_MS);
    // Once the body is read, the route's own deadline (REQUEST_DEADLINE_MS) bounds the answer.
    req.once('end', () => clearTimeout(timers.get(socket)));
    // After the answer: idle keep-alive time, then the next request's headers.
    res.once('finish', () => arm(socket, t.HTTP_KEEP_ALIVE_TIMEOUT_MS + t.HTTP_HEADERS_TIMEOUT_MS));
  });
  return server;
}
