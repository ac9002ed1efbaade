"""A real password hasher that counts its work, to prove which logins reach it."""

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingHasher(MD5PasswordHasher):
    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)

    def verify(self, password, encoded):
        type(self).calls += 1
        return super().verify(password, encoded)
