-- The event's line is open (buyers wait for freed seats): its flag, and the keeping of the
-- seats kept for it, last another while. A kept seat whose marker ran out is kept again
-- (the expiry sweep would do the same while the line is open).
-- KEYS[1] line flag   KEYS[2] held set   KEYS[3] kept set   KEYS[4..] seat keys
-- ARGV[1] ms the flag lives   ARGV[2] ms a kept seat stays kept   ARGV[3] ms the kept set
-- lives   ARGV[4..] the kept seats' ids (in the order of KEYS[4..])
-- Returns the number of kept seats renewed.
local flagLife, keepFor, keptLife = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('SET', KEYS[1], '1', 'PX', flagLife)
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local renewed = 0
for i = 4, #KEYS do
  local seat = ARGV[i]
  local owner = redis.call('GET', KEYS[i])
  if owner == 'line' or (not owner and redis.call('ZSCORE', KEYS[3], seat)) then
    redis.call('SET', KEYS[i], 'line', 'PX', keepFor)
    redis.call('ZADD', KEYS[2], now + keepFor, seat)
    renewed = renewed + 1
  elseif owner then
    -- Held by a hold now (an offer): no longer the line's.
    redis.call('ZREM', KEYS[3], seat)
  end
end
if #KEYS > 3 then
  redis.call('PEXPIRE', KEYS[3], keptLife)
end
return renewed
