#include "polymarket/clients_http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>

namespace polycopy::polymarket::testing {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string url_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i] == '+' ? ' ' : s[i]);
    }
  }
  return out;
}

bool wait_readable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, timeout_ms) > 0;
}

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

void write_all(int fd, const std::string& data) {
  std::size_t off = 0;
  while (off < data.size()) {
    const auto n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return;
    off += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::string SeenRequest::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string SeenRequest::param(const std::string& key) const {
  for (const auto& [k, v] : params)
    if (k == key) return v;
  return {};
}

std::vector<std::string> SeenRequest::params_named(const std::string& key) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : params)
    if (k == key) out.push_back(v);
  return out;
}

LoopbackHttpServer::LoopbackHttpServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 64) != 0)
    throw std::runtime_error("loopback server: bind/listen failed");
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
  stopping_ = true;
  acceptor_.join();
  ::close(listen_fd_);
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mutex_);
    workers.swap(workers_);
  }
  for (auto& t : workers) t.join();
}

int LoopbackHttpServer::count() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(seen_.size());
}

int LoopbackHttpServer::count(const std::string& method, const std::string& path) const {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (const auto& r : seen_) n += (r.method == method && r.path == path) ? 1 : 0;
  return n;
}

std::vector<SeenRequest> LoopbackHttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return seen_;
}

void LoopbackHttpServer::accept_loop() {
  while (!stopping_) {
    if (!wait_readable(listen_fd_, 20)) continue;
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    std::lock_guard lock(mutex_);
    workers_.emplace_back([this, fd] { serve(fd); });
  }
}

void LoopbackHttpServer::serve(int fd) {
  std::string buffer;
  char chunk[8192];
  while (!stopping_) {
    const auto head_end = buffer.find("\r\n\r\n");
    if (head_end == std::string::npos) {
      if (!wait_readable(fd, 20)) continue;
      const auto n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) break;
      buffer.append(chunk, static_cast<std::size_t>(n));
      continue;
    }
    SeenRequest req;
    const std::string head = buffer.substr(0, head_end);
    std::size_t line_end = head.find("\r\n");
    const std::string request_line = head.substr(0, line_end);
    const auto sp1 = request_line.find(' ');
    const auto sp2 = request_line.find(' ', sp1 + 1);
    req.method = request_line.substr(0, sp1);
    req.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
    const auto qpos = req.target.find('?');
    req.path = req.target.substr(0, qpos);
    if (qpos != std::string::npos) {
      req.query = req.target.substr(qpos + 1);
      std::size_t start = 0;
      while (start <= req.query.size()) {
        auto amp = req.query.find('&', start);
        if (amp == std::string::npos) amp = req.query.size();
        const std::string pair = req.query.substr(start, amp - start);
        const auto eq = pair.find('=');
        if (!pair.empty())
          req.params.emplace_back(url_decode(pair.substr(0, eq)),
                                  eq == std::string::npos ? "" : url_decode(pair.substr(eq + 1)));
        start = amp + 1;
      }
    }
    std::size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      auto end = head.find("\r\n", pos);
      if (end == std::string::npos) end = head.size();
      const std::string line = head.substr(pos, end - pos);
      const auto colon = line.find(':');
      if (colon != std::string::npos) {
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        req.headers[lower(line.substr(0, colon))] = value;
      }
      pos = end + 2;
    }
    const std::size_t length =
        req.headers.count("content-length") ? std::stoul(req.headers["content-length"]) : 0;
    while (buffer.size() < head_end + 4 + length && !stopping_) {
      if (!wait_readable(fd, 20)) continue;
      const auto n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) break;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    req.body = buffer.substr(head_end + 4, length);
    buffer.erase(0, head_end + 4 + length);
    {
      std::lock_guard lock(mutex_);
      seen_.push_back(req);
    }
    const Reply reply = handler_(req);
    if (reply.delay.count() > 0) std::this_thread::sleep_for(reply.delay);
    if (reply.drop) break;
    write_all(fd, "HTTP/1.1 " + std::to_string(reply.status) + " " + reason(reply.status) +
                      "\r\nContent-Type: application/json\r\nContent-Length: " +
                      std::to_string(reply.body.size()) + "\r\n" + reply.extra_headers + "\r\n" +
                      reply.body);
  }
  ::close(fd);
}

}  // namespace polycopy::polymarket::testing
