-- Seats kept for the event's line that no one in line can use go back to sale: AVAILABLE,
-- announced. A seat no longer kept (offered, or held anew) is left alone; one that is
-- sold meanwhile is only forgotten.
-- KEYS[1] held set   KEYS[2] kept set   KEYS[3] change feed   KEYS[4] sold seats
-- KEYS[5..] seat keys
-- ARGV[1] feed length   ARGV[2..] seat ids (in the order of KEYS[5..])
-- Returns the number of seats given back.
local feedLength = ARGV[1]
local given = 0
for i = 5, #KEYS do
  local seat = ARGV[i - 3]
  local owner = redis.call('GET', KEYS[i])
  if redis.call('ZREM', KEYS[2], seat) == 1 and (owner == 'line' or not owner) then
    redis.call('DEL', KEYS[i])
    redis.call('ZREM', KEYS[1], seat)
    if redis.call('SISMEMBER', KEYS[4], seat) == 0 then
      redis.call('XADD', KEYS[3], 'MAXLEN', '~', feedLength, '*', 'seat', seat, 'status', 'AVAILABLE')
      given = given + 1
    end
  end
end
return given
