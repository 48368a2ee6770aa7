#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace SignalHub::Testing {

// The test server's deterministic "embedding model". For a text T and dimension d:
//   x_1, x_2, ... = xoshiro256** seeded with SHA-256(UTF-8 of T) read as four
//                   little-endian 64-bit words,
//   v_i = (x_i >> 40) / 2^23 - 1   (24 random bits, uniform in [-1, 1)),
//   vector = v_1..v_d / |v_1..v_d| computed in double, stored as float.
// Like OpenAI's text-embedding-3 models, a shorter vector is the renormalised prefix of a
// longer one.
class VectorGenerator
{
public:
    static QByteArray digest(const QByteArray &utf8Text); // SHA-256
    static QList<float> fromDigest(const QByteArray &digest, int dimensions);
    static QList<float> fromText(const QString &text, int dimensions);
};

} // namespace SignalHub::Testing
