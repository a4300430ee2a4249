-- Token bucket, one call per request.
-- KEYS[1]  the bucket (a hash: tokens, ts)
-- KEYS[2..] keys to read in the same call (the request's other per-request read: the
--           token's revocations), answered after the bucket's three values
-- ARGV[1]  capacity: most tokens the bucket holds (the burst)
-- ARGV[2]  window in milliseconds: the time to refill an empty bucket completely
-- Returns {allowed (1|0), milliseconds until a token is available, tokens left, then the
-- value of each of KEYS[2..] (nil if absent)}.
-- Time comes from the Redis server, so every instance shares one clock.
local capacity = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or capacity
local last = tonumber(state[2]) or now
local rate = capacity / window
if now > last then
  tokens = math.min(capacity, tokens + (now - last) * rate)
end
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], window)
local answer = {allowed, wait, math.floor(tokens)}
for i = 2, #KEYS do
  answer[#answer + 1] = redis.call('GET', KEYS[i])
end
return answer
