def test_personas_have_one_active_membership_each(personas):
    for role, user in personas.items():
        assert user.role == role
        assert user.memberships.filter(is_active=True).count() == 1
