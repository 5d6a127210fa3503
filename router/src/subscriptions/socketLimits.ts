/** Caps on what one address and one user may hold open over WebSocket, per router instance. */
export interface SocketLimits {
  /** Open sockets from one address, refused at the upgrade with 4429. Default 100 (NAT puts households and offices behind one). */
  connectionsPerIp: number;
  /** Sockets of one user that hold subscriptions; the first subscribe of one more closes it with 4429. Default 10. */
  connectionsPerUser: number;
  /** Subscriptions open on one socket; one more is refused with `LIMIT_EXCEEDED`. Default 25. */
  subscriptionsPerConnection: number;
  /** Subscriptions one user holds open across sockets; one more is refused with `LIMIT_EXCEEDED`. Default 100. */
  subscriptionsPerUser: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  connectionsPerIp: 100,
  connectionsPerUser: 10,
  subscriptionsPerConnection: 25,
  subscriptionsPerUser: 100,
};

/** graphql-ws' own "too many" close code, which its client treats as final rather than reconnecting at once. */
export const TOO_MANY_CONNECTIONS = 4429;
