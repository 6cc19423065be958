#include "net/raw_http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace polycopy::net::testing {
namespace {

int listen_on_loopback(std::uint16_t& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 64) != 0)
    throw std::runtime_error("bind/listen failed");
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  port = ntohs(addr.sin_port);
  return fd;
}

bool readable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, timeout_ms) > 0;
}

// Length of the first complete request in `buffer` (headers + Content-Length body), or 0.
std::size_t complete_request(const std::string& buffer) {
  const auto end = buffer.find("\r\n\r\n");
  if (end == std::string::npos) return 0;
  std::size_t body = 0;
  std::string head = buffer.substr(0, end);
  for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto at = head.find("\r\ncontent-length:");
  if (at != std::string::npos) body = std::stoul(head.substr(at + 17));
  return buffer.size() >= end + 4 + body ? end + 4 + body : 0;
}

}  // namespace

std::string http_response(int status, const std::string& body, const std::string& extra_headers) {
  return "HTTP/1.1 " + std::to_string(status) +
         " X\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" +
         body;
}

RawHttpServer::RawHttpServer(Script script) : script_(std::move(script)) {
  listen_fd_ = listen_on_loopback(port_);
  acceptor_ = std::thread([this] { accept_loop(); });
}

RawHttpServer::~RawHttpServer() {
  stopping_ = true;
  acceptor_.join();
  for (auto& worker : workers_) worker.join();
  ::close(listen_fd_);
}

std::string RawHttpServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<std::string> RawHttpServer::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

void RawHttpServer::accept_loop() {
  while (!stopping_) {
    if (!readable(listen_fd_, 20)) continue;
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    ++connections_;
    workers_.emplace_back([this, fd] { serve(fd); });  // only this thread touches workers_
  }
}

void RawHttpServer::serve(int fd) {
  std::string buffer;
  char chunk[4096];
  while (!stopping_) {
    std::size_t length = complete_request(buffer);
    if (length == 0) {
      if (!readable(fd, 20)) continue;
      const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) break;  // the client closed
      buffer.append(chunk, static_cast<std::size_t>(n));
      continue;
    }
    const std::string request = buffer.substr(0, length);
    buffer.erase(0, length);
    int index = 0;
    {
      std::lock_guard lock(mutex_);
      index = static_cast<int>(received_.size());
      received_.push_back(request);
    }
    ++requests_;
    const RawReply reply = script_(index, request);
    const auto until = std::chrono::steady_clock::now() + reply.delay;
    while (!stopping_ && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (!reply.bytes.empty())
      (void)::send(fd, reply.bytes.data(), reply.bytes.size(), MSG_NOSIGNAL);
    if (reply.close) break;
  }
  ::close(fd);
}

std::uint16_t closed_port() {
  std::uint16_t port = 0;
  const int fd = listen_on_loopback(port);
  ::close(fd);
  return port;
}

}  // namespace polycopy::net::testing
