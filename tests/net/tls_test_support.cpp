#include "net/tls_test_support.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>
#include <fstream>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace polycopy::net::testing {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

// ---- certificates -------------------------------------------------------------------------

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertFree {
  void operator()(X509* cert) const { X509_free(cert); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Cert = std::unique_ptr<X509, CertFree>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test PKI: ") + what + " failed");
}

Key make_key() {
  Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  check(key != nullptr, "EC key generation");
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  check(extension != nullptr, "making an extension");
  check(X509_add_ext(cert, extension, -1) == 1, "adding an extension");
  X509_EXTENSION_free(extension);
}

// Signed by issuer_key; issuer null means self-signed.
Cert make_cert(const std::string& common_name, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key,
               bool ca, const std::string& san) {
  static std::atomic<long> serial{1};
  Cert cert(X509_new());
  check(cert != nullptr, "X509_new");
  check(X509_set_version(cert.get(), 2) == 1, "X509_set_version");
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial++);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  check(X509_set_pubkey(cert.get(), key) == 1, "X509_set_pubkey");
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("polycopy tests"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509* signer = issuer ? issuer : cert.get();
  check(X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) == 1, "issuer name");
  if (ca) {
    add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), signer, NID_key_usage, "critical,digitalSignature");
    add_extension(cert.get(), signer, NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), signer, NID_subject_alt_name, san.c_str());
  }
  add_extension(cert.get(), signer, NID_subject_key_identifier, "hash");
  add_extension(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
  check(X509_sign(cert.get(), issuer_key, EVP_sha256()) > 0, "X509_sign");
  return cert;
}

std::string drain(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string text(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return text;
}

std::string cert_pem(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  check(PEM_write_bio_X509(bio, cert) == 1, "PEM_write_bio_X509");
  return drain(bio);
}

std::string key_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  check(PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "PEM_write_bio_PrivateKey");
  return drain(bio);
}

// ---- server plumbing ----------------------------------------------------------------------

void load_identity(ssl::context& context, const TlsIdentity& identity) {
  context.use_certificate_chain(asio::buffer(identity.cert_pem));
  context.use_private_key(asio::buffer(identity.key_pem), ssl::context::pem);
}

std::string sni_of(SSL* handle) {
  const char* name = SSL_get_servername(handle, TLSEXT_NAMETYPE_host_name);
  return name ? name : "";
}

// Counters and records shared by both servers, guarded by one mutex.
struct Records {
  mutable std::mutex mutex;
  int tcp = 0;
  int tls_failures = 0;
  int requests = 0;
  std::vector<std::string> server_names;
  std::vector<std::vector<std::string>> received;  // per websocket connection
};

class Droppable {
 public:
  virtual ~Droppable() = default;
  virtual void drop() = 0;
};

// Accepts on 127.0.0.1, hands each socket to make_session; one io thread.
struct ServerBase {
  explicit ServerBase(const TlsIdentity& identity) {
    load_identity(tls, identity);
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen();
    port = acceptor.local_endpoint().port();
  }

  void run(std::function<std::shared_ptr<Droppable>(tcp::socket)> make_session) {
    factory = std::move(make_session);
    accept();
    thread = std::thread([this] { io.run(); });
  }

  void accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec) return;
      {
        std::lock_guard lock(records.mutex);
        ++records.tcp;
      }
      sessions.push_back(factory(std::move(socket)));
      accept();
    });
  }

  void drop_all() {
    for (auto& weak : sessions)
      if (auto session = weak.lock()) session->drop();
  }

  void stop() {
    asio::post(io, [this] {
      beast::error_code ignored;
      acceptor.close(ignored);
      drop_all();
    });
    thread.join();
  }

  asio::io_context io{1};
  ssl::context tls{ssl::context::tls_server};
  tcp::acceptor acceptor{io};
  std::uint16_t port = 0;
  Records records;
  std::function<std::shared_ptr<Droppable>(tcp::socket)> factory;
  std::vector<std::weak_ptr<Droppable>> sessions;  // io thread only
  std::thread thread;
};

class WsSession final : public Droppable, public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(tcp::socket socket, ssl::context& tls, Records& records)
      : ws_(std::move(socket), tls), records_(records) {}

  void start() {
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(5));
    ws_.next_layer().async_handshake(
        ssl::stream_base::server, [self = shared_from_this()](beast::error_code ec) {
          {
            std::lock_guard lock(self->records_.mutex);
            if (ec) {
              ++self->records_.tls_failures;
              return;
            }
            self->records_.server_names.push_back(sni_of(self->ws_.next_layer().native_handle()));
          }
          self->accept();
        });
  }

  void accept() {
    beast::get_lowest_layer(ws_).expires_never();
    ws_.async_accept([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;
      {
        std::lock_guard lock(self->records_.mutex);
        self->index_ = self->records_.received.size();
        self->records_.received.emplace_back();
      }
      self->open_ = true;
      self->read();
    });
  }

  void send(std::string text) {
    if (!open_) return;
    outbox_.push_back(std::move(text));
    if (outbox_.size() == 1) write();
  }

  void drop() override {
    open_ = false;
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).close();
  }

 private:
  void read() {
    ws_.async_read(in_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      std::string text = beast::buffers_to_string(self->in_.data());
      self->in_.consume(self->in_.size());
      {
        std::lock_guard lock(self->records_.mutex);
        self->records_.received[self->index_].push_back(text);
      }
      if (text == "PING") self->send("PONG");
      self->read();
    });
  }

  void write() {
    ws_.text(true);
    ws_.async_write(asio::buffer(outbox_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) return;
                      self->outbox_.pop_front();
                      if (!self->outbox_.empty()) self->write();
                    });
  }

  websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws_;
  Records& records_;
  beast::flat_buffer in_;
  std::deque<std::string> outbox_;
  std::size_t index_ = 0;
  bool open_ = false;
};

class HttpsSession final : public Droppable, public std::enable_shared_from_this<HttpsSession> {
 public:
  HttpsSession(tcp::socket socket, ssl::context& tls, Records& records)
      : stream_(std::move(socket), tls), records_(records) {}

  void start() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
    stream_.async_handshake(
        ssl::stream_base::server, [self = shared_from_this()](beast::error_code ec) {
          {
            std::lock_guard lock(self->records_.mutex);
            if (ec) {
              ++self->records_.tls_failures;
              return;
            }
            self->records_.server_names.push_back(sni_of(self->stream_.native_handle()));
          }
          self->read();
        });
  }

  void drop() override {
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(stream_).close();
  }

 private:
  void read() {
    request_ = {};
    beast::get_lowest_layer(stream_).expires_never();
    http::async_read(stream_, buffer_, request_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->drop();
                       {
                         std::lock_guard lock(self->records_.mutex);
                         ++self->records_.requests;
                       }
                       self->respond();
                     });
  }

  void respond() {
    response_ = {};
    response_.version(request_.version());
    response_.result(http::status::ok);
    response_.set(http::field::content_type, "text/plain");
    response_.keep_alive(request_.keep_alive());
    response_.body() = "ok " + std::string(request_.target());
    response_.prepare_payload();
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->drop();
                        self->read();
                      });
  }

  beast::ssl_stream<beast::tcp_stream> stream_;
  Records& records_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
};

std::string make_url(const char* scheme, const std::string& host, std::uint16_t port,
                     const std::string& path) {
  return std::string(scheme) + "://" + host + ":" + std::to_string(port) + path;
}

}  // namespace

TlsIdentity make_tls_identity(const std::string& ca_name, const std::string& san) {
  Key ca_key = make_key();
  Cert ca = make_cert(ca_name, ca_key.get(), nullptr, ca_key.get(), true, "");
  Key server_key = make_key();
  Cert server =
      make_cert("polycopy test server", server_key.get(), ca.get(), ca_key.get(), false, san);
  return TlsIdentity{cert_pem(ca.get()), cert_pem(server.get()), key_pem(server_key.get())};
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "polycopy-tls-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
  const auto file = path_ / name;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + file.string());
  return file.string();
}

// ---- TlsWsServer --------------------------------------------------------------------------

struct TlsWsServer::Impl : ServerBase {
  using ServerBase::ServerBase;
};

TlsWsServer::TlsWsServer(const TlsIdentity& identity) : impl_(std::make_shared<Impl>(identity)) {
  Impl* impl = impl_.get();
  impl_->run([impl](tcp::socket socket) {
    auto session = std::make_shared<WsSession>(std::move(socket), impl->tls, impl->records);
    session->start();
    return std::shared_ptr<Droppable>(session);
  });
}

TlsWsServer::~TlsWsServer() {
  impl_->stop();
}

std::uint16_t TlsWsServer::port() const {
  return impl_->port;
}

std::string TlsWsServer::url(const std::string& host, const std::string& path) const {
  return make_url("wss", host, impl_->port, path);
}

void TlsWsServer::send_to_all(const std::string& text) {
  asio::post(impl_->io, [impl = impl_.get(), text] {
    for (auto& weak : impl->sessions)
      if (auto session = weak.lock()) static_cast<WsSession&>(*session).send(text);
  });
}

void TlsWsServer::drop_all() {
  asio::post(impl_->io, [impl = impl_.get()] { impl->drop_all(); });
}

int TlsWsServer::tcp_connections() const {
  std::lock_guard lock(impl_->records.mutex);
  return impl_->records.tcp;
}

int TlsWsServer::tls_failures() const {
  std::lock_guard lock(impl_->records.mutex);
  return impl_->records.tls_failures;
}

int TlsWsServer::ws_connections() const {
  std::lock_guard lock(impl_->records.mutex);
  return static_cast<int>(impl_->records.received.size());
}

std::vector<std::string> TlsWsServer::server_names() const {
  std::lock_guard lock(impl_->records.mutex);
  return impl_->records.server_names;
}

std::vector<std::string> TlsWsServer::received(int connection) const {
  std::lock_guard lock(impl_->records.mutex);
  const auto& all = impl_->records.received;
  if (connection < 0 || connection >= static_cast<int>(all.size())) return {};
  return all[static_cast<std::size_t>(connection)];
}

// ---- HttpsTestServer ----------------------------------------------------------------------

struct HttpsTestServer::Impl : ServerBase {
  using ServerBase::ServerBase;
};

HttpsTestServer::HttpsTestServer(const TlsIdentity& identity)
    : impl_(std::make_shared<Impl>(identity)) {
  Impl* impl = impl_.get();
  impl_->run([impl](tcp::socket socket) {
    auto session = std::make_shared<HttpsSession>(std::move(socket), impl->tls, impl->records);
    session->start();
    return std::shared_ptr<Droppable>(session);
  });
}

HttpsTestServer::~HttpsTestServer() {
  impl_->stop();
}

std::string HttpsTestServer::url(const std::string& host, const std::string& path) const {
  return make_url("https", host, impl_->port, path);
}

int HttpsTestServer::tcp_connections() const {
  std::lock_guard lock(impl_->records.mutex);
  return impl_->records.tcp;
}

int HttpsTestServer::requests() const {
  std::lock_guard lock(impl_->records.mutex);
  return impl_->records.requests;
}

std::vector<std::string> HttpsTestServer::server_names() const {
  std::lock_guard lock(impl_->records.mutex);
  return impl_->records.server_names;
}

}  // namespace polycopy::net::testing
