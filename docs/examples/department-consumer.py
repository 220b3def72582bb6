#!/usr/bin/env python3
"""A department system reading its unit's inbox with confluent-kafka (librdkafka).

    pip install confluent-kafka          # its wheels bundle a current librdkafka
    deploy/local/kafka-credentials ENT_HEATING > ent-heating.properties
    python3 department-consumer.py ent-heating.properties

It takes the Java properties file that kafka-credentials prints as it is, maps the Java names to librdkafka's,
reads unit.<UNIT>.inbox from the earliest uncommitted record, prints each record's CloudEvents headers, key and
JSON, and commits after each record (at-least-once: skip a ce_id seen before).
"""
import argparse
import json
import re
import sys
import time

# librdkafka before 2.6.1 sends the client nonce twice in its SCRAM client-final message; Kafka 4 brokers check
# the nonce strictly and refuse the login as "invalid credentials" (fixed by confluentinc/librdkafka#4895).
MINIMUM_LIBRDKAFKA = (2, 6, 1)


def parse_version(text):
    """'2.6.1' or '2.10.0-RC1' -> (2, 6, 1) / (2, 10, 0); compared as numbers, not as strings."""
    match = re.match(r"(\d+)\.(\d+)\.(\d+)", text.strip())
    if not match:
        raise ValueError(f"not a librdkafka version: {text!r}")
    return tuple(int(part) for part in match.groups())


def version_problem(version):
    """None if librdkafka VERSION can log in with SCRAM-SHA-512 to a Kafka 4 broker, else why not."""
    if parse_version(version) >= MINIMUM_LIBRDKAFKA:
        return None
    minimum = ".".join(map(str, MINIMUM_LIBRDKAFKA))
    return (f"librdkafka {version} is too old: SCRAM-SHA-512 logins to a Kafka 4 broker fail with "
            f"'invalid credentials' before librdkafka {minimum}. Use confluent-kafka from PyPI "
            f"(pip install -U confluent-kafka, its wheels bundle a current librdkafka), not Debian's "
            f"python3-confluent-kafka (librdkafka 2.0.2).")


def read_properties(path):
    """The simple key=value lines of a Java properties file (# comments), as kafka-credentials writes them."""
    props = {}
    with open(path, encoding="utf-8") as file:
        for line in file:
            line = line.strip()
            if line and not line.startswith(("#", "!")):
                key, _, value = line.partition("=")
                props[key.strip()] = value.strip()
    return props


def librdkafka_config(props):
    """Java client names -> librdkafka names; user and password come out of the JAAS line."""
    jaas = props["sasl.jaas.config"]
    username = re.search(r'username="([^"]*)"', jaas).group(1)
    password = re.search(r'password="([^"]*)"', jaas).group(1)
    return {
        "bootstrap.servers": props["bootstrap.servers"],
        "security.protocol": props["security.protocol"],
        "sasl.mechanisms": props["sasl.mechanism"],  # SCRAM-SHA-512
        "sasl.username": username,
        "sasl.password": password,
        "group.id": props["group.id"],  # must start with the unit code
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,  # commit after handling: nothing is lost on a crash
    }, username


def header(headers, name):
    for key, value in headers or []:
        if key == name:
            return value.decode("utf-8") if value is not None else None
    return None


def consume(properties_file, max_messages, seconds):
    try:
        import confluent_kafka
        from confluent_kafka import Consumer, KafkaError, KafkaException
    except ImportError:
        sys.exit("no confluent_kafka module: pip install -U confluent-kafka")

    version = confluent_kafka.libversion()[0]
    problem = version_problem(version)
    if problem:
        sys.exit(problem)

    def on_error(error):
        # a refused login or ACL does not heal by retrying: stop with the broker's reason
        if error.code() in (KafkaError._AUTHENTICATION, KafkaError.TOPIC_AUTHORIZATION_FAILED,
                            KafkaError.GROUP_AUTHORIZATION_FAILED) or error.fatal():
            raise KafkaException(error)
        print(f"kafka: {error}", file=sys.stderr)

    config, unit = librdkafka_config(read_properties(properties_file))
    consumer = Consumer({**config, "error_cb": on_error})
    consumer.subscribe([f"unit.{unit}.inbox"])
    print(f"reading unit.{unit}.inbox as group {config['group.id']} (librdkafka {version})", file=sys.stderr)
    deadline = time.monotonic() + seconds if seconds else None
    count = 0
    try:
        while (max_messages is None or count < max_messages) and (deadline is None or time.monotonic() < deadline):
            message = consumer.poll(1.0)
            if message is None:
                continue
            if message.error():
                raise KafkaException(message.error())
            headers = message.headers()
            key = message.key().decode("utf-8") if message.key() is not None else None
            print(f"ce_type={header(headers, 'ce_type')} ce_id={header(headers, 'ce_id')} key={key}")
            print(json.dumps(json.loads(message.value()), ensure_ascii=False, indent=2), flush=True)
            consumer.commit(message=message, asynchronous=False)
            count += 1
    finally:
        consumer.close()
    return count


def main():
    parser = argparse.ArgumentParser(description="Read a unit's inbox with librdkafka.")
    parser.add_argument("properties", nargs="?", help="the file printed by deploy/local/kafka-credentials UNIT")
    parser.add_argument("--max-messages", type=int, help="stop after this many records")
    parser.add_argument("--seconds", type=float, help="stop after this many seconds")
    parser.add_argument("--check-version", metavar="X.Y.Z",
                        help="only say whether librdkafka X.Y.Z can log in (exit 0) or not (exit 1)")
    args = parser.parse_args()
    if args.check_version:
        try:
            problem = version_problem(args.check_version)
        except ValueError as e:
            parser.error(str(e))
        print(problem or f"librdkafka {args.check_version} is fine")
        sys.exit(1 if problem else 0)
    if not args.properties:
        parser.error("the properties file is required")
    count = consume(args.properties, args.max_messages, args.seconds)
    sys.exit(0 if args.max_messages is None or count >= args.max_messages else 3)  # 3: fewer than asked for


if __name__ == "__main__":
    main()
