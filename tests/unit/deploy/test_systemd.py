"""The systemd unit: a writable database and working folder under ProtectSystem=strict, no
restart on a configuration error, the env file the install steps create."""

from tests.unit.deploy.files import (
    UNIT,
    unit_env,
    unit_settings,
)


def test_the_units_database_and_working_folder_are_writable_under_protect_system():
    settings = unit_settings()
    assert settings["ProtectSystem"] == ["strict"]
    state = "/var/lib/" + settings["StateDirectory"][0]
    writable = [state, *settings.get("ReadWritePaths", [])]
    database = unit_env()["DATABASE_PATH"]
    assert any(database.startswith(w + "/") for w in writable), database
    # A relative DATABASE_PATH (the bot's own default) resolves from here.
    assert settings["WorkingDirectory"][0] in writable


def test_the_unit_does_not_restart_on_a_configuration_error():
    assert "2" in unit_settings()["RestartPreventExitStatus"][0].split()


def test_the_unit_reads_the_env_file_the_install_steps_create():
    (env_file,) = unit_settings()["EnvironmentFile"]
    assert f"deploy/.env.example {env_file}" in UNIT.read_text()
