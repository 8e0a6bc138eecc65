print("nexo")
