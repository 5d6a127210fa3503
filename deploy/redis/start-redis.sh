#!/bin/sh
# Starts redis-server with deploy/redis/users.acl, its ${REDIS_PASSWORD_<USER>} placeholders filled in
# from the environment. Arguments go to redis-server. A password that is unset, empty or not one
# token (letters, digits, "_", "-", ".", "~") stops the start with a message naming it.
set -eu
template="${REDIS_ACL_TEMPLATE:-$(dirname "$0")/users.acl}"
rendered="${REDIS_ACL_FILE:-/tmp/redis-users.acl}"
umask 077
# Redis refuses comments and blank lines in an ACL file: the template keeps them, the result does not.
awk '
  /^[ \t]*(#|$)/ { next }
  {
    line = $0
    out = ""
    while (match(line, /\$\{[A-Z0-9_]+\}/)) {
      name = substr(line, RSTART + 2, RLENGTH - 3)
      value = ENVIRON[name]
      if (value == "" || value !~ /^[A-Za-z0-9_.~-]+$/) {
        print "start-redis.sh: " name " must be set to a password of letters, digits, _ - . ~" > "/dev/stderr"
        exit 1
      }
      out = out substr(line, 1, RSTART - 1) value
      line = substr(line, RSTART + RLENGTH)
    }
    print out line
  }
' "$template" > "$rendered"
if command -v docker-entrypoint.sh >/dev/null 2>&1; then
  # In the redis image: its entrypoint drops root for the redis user, who must be able to read the result.
  if [ "$(id -u)" = 0 ]; then chown redis "$rendered"; fi
  exec docker-entrypoint.sh redis-server "$@" --aclfile "$rendered"
fi
exec redis-server "$@" --aclfile "$rendered"
