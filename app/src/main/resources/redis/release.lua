-- Ends a hold: its seats that it still owns are freed, and it no longer counts under its
-- buyer's and address's bounds. A hold claimed by a purchase is released only by that
-- purchase's order, and an order releases only a hold it claimed. While the event's line
-- is open (buyers wait for freed seats), a freed seat is kept for the line in this same
-- step: it stays HELD (owned by the line's marker), and only the waitlist gives it to an
-- offer or back to sale. Otherwise it becomes AVAILABLE. The hold's places go back to
-- their allotments (not to the line: the waitlist offers seats).
-- KEYS[1] held set   KEYS[2] hold record   KEYS[3] change feed
-- KEYS[4] buyer's holds   KEYS[5] address's holds   KEYS[6] line flag   KEYS[7] kept set
-- KEYS[8] the event's sales statistics   KEYS[9] counted allotments   KEYS[10] holds of
-- places   KEYS[11..] seat keys
-- ARGV[1] hold id   ARGV[2] feed length   ARGV[3] releasing order id ('' for the buyer)
-- ARGV[4] ms a kept seat stays kept unless renewed   ARGV[5] ms the kept set lives
-- ARGV[6] ms the statistics live if found without a lifetime   ARGV[7] the hold's places
-- ('' for none)   ARGV[8..] seat ids (in the order of KEYS[11..])
-- Returns the number of seats and places released, or -1 if the hold is not the
-- releaser's to end.
local hold, feedLength, order = ARGV[1], ARGV[2], ARGV[3]
local keepFor, keptLife = tonumber(ARGV[4]), tonumber(ARGV[5])
local units = ARGV[7]
local tickets, counts = unitsOf(units)
local claimedBy = redis.call('HGET', KEYS[2], 'claimedBy') or ''
if claimedBy ~= order then
  return -1
end
local line = redis.call('EXISTS', KEYS[6]) == 1
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local released = 0
for i = 11, #KEYS do
  local seat = ARGV[i - 3]
  if redis.call('GET', KEYS[i]) == hold then
    if line then
      redis.call('SET', KEYS[i], 'line', 'PX', keepFor)
      redis.call('ZADD', KEYS[1], now + keepFor, seat)
      redis.call('ZADD', KEYS[7], 'NX', now, seat)
    else
      redis.call('DEL', KEYS[i])
      redis.call('ZREM', KEYS[1], seat)
      redis.call('XADD', KEYS[3], 'MAXLEN', '~', feedLength, '*', 'seat', seat, 'status', 'AVAILABLE')
    end
    released = released + 1
  end
end
-- The places once: the hold's entry leaves the set of holds of places here, or in the
-- expiry sweep, or in the sale.
if units ~= '' and redis.call('ZREM', KEYS[10], hold .. '|' .. units) == 1 then
  countUnits(KEYS[9], counts, 'held', -1)
  announceUnits(KEYS[9], KEYS[3], feedLength, counts)
  released = released + tickets
end
if line and released > 0 then
  redis.call('PEXPIRE', KEYS[7], keptLife)
end
-- A buyer's release is counted in the statistics (a purchase's undoing is its order's).
if order == '' and released > 0 then
  redis.call('HINCRBY', KEYS[8], math.floor(now / 60000) .. '|released', 1)
  redis.call('HINCRBY', KEYS[8], 'all|released', 1)
  if redis.call('PTTL', KEYS[8]) == -1 then
    redis.call('PEXPIRE', KEYS[8], ARGV[6])
  end
end
local entry = hold .. '|' .. (#KEYS - 10 + tickets)
redis.call('ZREM', KEYS[4], entry)
redis.call('ZREM', KEYS[5], entry)
redis.call('DEL', KEYS[2])
return released
