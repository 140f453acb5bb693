// Requests seen: signatures of the signed requests a platform sent (Slack HTTP mode), shared by
// every replica behind a load balancer, so a replayed request runs once whichever replica it reaches.

export interface SeenRequests {
  /**
   * Records a request's signature with the request's own time: true the first time any replica
   * records it, false after. Signatures whose time is before `forgetBefore` are dropped first: a
   * request that old is refused on its timestamp, so its signature is no longer needed.
   */
  firstSight(signature: string, at: Date, forgetBefore: Date): Promise<boolean>;
}
