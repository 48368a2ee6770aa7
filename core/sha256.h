#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <memory>

class QIODevice;

namespace SignalHub::Core {

// SHA-256 by OpenSSL's libcrypto, which runs on the CPU's SHA extensions (or its vector units):
// every indexed byte is hashed twice (its file's hash, its chunk's), and QCryptographicHash's
// portable code made that a fifth of what chunking costs besides highlighting (bench/RESULTS.md).
// The digests are the same bytes QCryptographicHash gives.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(QByteArrayView data);
    // Everything the device yields from its position on; false if reading fails.
    bool addData(QIODevice &device);
    // The 32-byte digest of what was added; the object is then spent.
    QByteArray result();

    static QByteArray hash(QByteArrayView data);

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

} // namespace SignalHub::Core
