package io.atrium.common.ratelimit;

import io.atrium.common.error.RateLimitedException;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Token buckets in PostgreSQL (Bucket4j), so every web process shares them. A bucket is named by
 * its limit and a key such as an email or a client address.
 */
@Singleton
public final class RateLimiter {
  private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

  @Inject
  public RateLimiter(DataSource dataSource) {
    this.buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("rate_limit_buckets")
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    Duration.ofMinutes(5)))
            .build();
  }

  /** Throws 429 when the bucket is already empty, without taking a token. */
  public void requireAvailable(RateLimit limit, String key) {
    long available = bucket(limit, key).getAvailableTokens();
    if (available <= 0) {
      throw new RateLimitedException(waitTime(limit));
    }
  }

  /** Takes one token; throws 429 when there was none. */
  public void consume(RateLimit limit, String key) {
    ConsumptionProbe probe = bucket(limit, key).tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      throw new RateLimitedException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
  }

  /** Takes one token if there is one; reports whether there was. */
  public boolean tryConsume(RateLimit limit, String key) {
    return bucket(limit, key).tryConsume(1);
  }

  public void reset(RateLimit limit, String key) {
    bucket(limit, key).reset();
  }

  /**
   * Deletes up to {@code batchSize} buckets that have refilled and expired (an address seen once
   * leaves a row behind otherwise); returns how many it deleted.
   */
  public int pruneExpired(int batchSize) {
    return buckets.removeExpired(batchSize);
  }

  private io.github.bucket4j.distributed.BucketProxy bucket(RateLimit limit, String key) {
    BucketConfiguration configuration =
        BucketConfiguration.builder()
            .addLimit(
                l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
            .build();
    return buckets.builder().build(limit.name() + ":" + key, () -> configuration);
  }

  private static Duration waitTime(RateLimit limit) {
    return limit.period().dividedBy(limit.capacity());
  }

  /** {@code capacity} events per {@code period}, refilled gradually. */
  public record RateLimit(String name, long capacity, Duration period) {}
}
