import PolicyEngine
print("ICU", CharacterFolder.icuVersion)
