# Shared by run.sh and test.sh: start the local stand-ins for Azure Storage (Azurite) and R2 (s3rver).
# Source it; it defines functions only.

natak_free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

natak_port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# natak_wait_port <port> <seconds> <name> <log>
natak_wait_port() {
  local port=$1 seconds=$2 name=$3 log=$4 i
  for ((i = 0; i < seconds * 10; i++)); do
    natak_port_busy "$port" && return 0
    sleep 0.1
  done
  echo "natak: $name did not start listening on 127.0.0.1:$port within ${seconds}s; see $log" >&2
  tail -n 20 "$log" >&2 || true
  return 1
}

# natak_start_azurite <blobPort> <queuePort> <tablePort> <log> [<dataDir>|--in-memory]
natak_start_azurite() {
  local blob=$1 queue=$2 table=$3 log=$4 data=${5:---in-memory} persist
  if [ "$data" = "--in-memory" ]; then persist=(--inMemoryPersistence); else mkdir -p "$data"; persist=(--location "$data"); fi
  node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --loose --disableTelemetry "${persist[@]}" \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" >"$log" 2>&1 &
  NATAK_AZURITE_PID=$!
  natak_wait_port "$blob" 60 azurite "$log" && natak_wait_port "$queue" 60 azurite "$log" && natak_wait_port "$table" 60 azurite "$log"
}

# natak_start_s3rver <port> <dataDir> <bucket> <log>
# The bucket gets the CORS rules of scripts/s3rver-cors.xml, so browsers can PUT to presigned URLs and read them back.
natak_start_s3rver() {
  local port=$1 data=$2 bucket=$3 log=$4
  mkdir -p "$data"
  node node_modules/s3rver/bin/s3rver.js --silent -d "$data" -a 127.0.0.1 -p "$port" --configure-bucket "$bucket" scripts/s3rver-cors.xml >"$log" 2>&1 &
  NATAK_S3RVER_PID=$!
  natak_wait_port "$port" 60 s3rver "$log"
}

natak_azurite_connection_string() {
  local blob=$1 queue=$2 table=$3
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
}

natak_ensure_node_modules() {
  if [ ! -x node_modules/.bin/azurite ] || [ ! -x node_modules/.bin/s3rver ]; then
    echo "natak: installing Azurite and s3rver (npm ci)..."
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# The browser tests (tests/Natak.Studio.Tests) drive Debian's chromium; Playwright's own download cannot work offline.
natak_ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  echo "natak: installing chromium for the browser tests (apt-get)..."
  if [ "$(id -u)" -ne 0 ]; then echo "natak: chromium is missing and installing it needs root: sudo apt-get install -y chromium" >&2; return 1; fi
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null || { echo "natak: apt-get could not install chromium" >&2; return 1; }
}
